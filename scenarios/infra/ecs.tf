resource "aws_ecs_cluster" "shop" {
  name = "shop"
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
  tags = local.tags
}

resource "aws_iam_role" "task_execution" {
  name = "gameday-practice-task-execution"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = local.tags
}

resource "aws_iam_role_policy_attachment" "task_execution" {
  role       = aws_iam_role.task_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_ecs_task_definition" "checkout" {
  family                   = "checkout"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  execution_role_arn       = aws_iam_role.task_execution.arn
  container_definitions = jsonencode([{
    name         = "checkout"
    image        = "public.ecr.aws/nginx/nginx:stable"
    essential    = true
    portMappings = [{ containerPort = 80 }]
  }])
  tags = local.tags
}

resource "aws_ecs_task_definition" "worker" {
  family                   = "worker"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.task_execution.arn
  container_definitions = jsonencode([{
    name      = "worker"
    image     = "public.ecr.aws/docker/library/busybox:stable"
    essential = true
    command   = ["sh", "-c", "while true; do sleep 60; done"]
  }])
  tags = local.tags
}

resource "aws_ecs_service" "checkout" {
  name            = "checkout"
  cluster         = aws_ecs_cluster.shop.id
  task_definition = aws_ecs_task_definition.checkout.arn
  desired_count   = var.checkout_desired
  launch_type     = "FARGATE"
  propagate_tags  = "SERVICE"
  network_configuration {
    subnets          = aws_subnet.shop[*].id
    security_groups  = [aws_security_group.app.id]
    assign_public_ip = true
  }
  tags = local.tags
}

resource "aws_ecs_service" "worker" {
  name            = "worker"
  cluster         = aws_ecs_cluster.shop.id
  task_definition = aws_ecs_task_definition.worker.arn
  desired_count   = var.worker_desired
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = aws_subnet.shop[*].id
    security_groups  = [aws_security_group.app.id]
    assign_public_ip = true
  }
  tags = local.tags
}
