# Standalone hosts: the batch hosts (team=data) and the ops cluster's EC2 container instances.

data "aws_ssm_parameter" "ecs_al2023" {
  name = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
}

resource "aws_instance" "batch" {
  count                  = var.batch_hosts
  ami                    = data.aws_ssm_parameter.al2023.value
  instance_type          = var.host_instance_type
  subnet_id              = aws_subnet.shop[count.index % 3].id
  vpc_security_group_ids = [aws_security_group.app.id]
  tags                   = merge(local.tags, { Name = "batch-${count.index + 1}", team = "data" })
}

resource "aws_iam_role" "ecs_host" {
  name = "gameday-practice-ecs-host"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = local.tags
}

resource "aws_iam_role_policy_attachment" "ecs_host" {
  role       = aws_iam_role.ecs_host.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
}

resource "aws_iam_instance_profile" "ecs_host" {
  name = "gameday-practice-ecs-host"
  role = aws_iam_role.ecs_host.name
  tags = local.tags
}

resource "aws_ecs_cluster" "ops" {
  name = "ops"
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
  tags = local.tags
}

resource "aws_instance" "ecs_host" {
  count                  = 3
  ami                    = data.aws_ssm_parameter.ecs_al2023.value
  instance_type          = var.host_instance_type
  subnet_id              = aws_subnet.shop[count.index].id
  vpc_security_group_ids = [aws_security_group.app.id]
  iam_instance_profile   = aws_iam_instance_profile.ecs_host.name
  user_data              = "#!/bin/bash\necho ECS_CLUSTER=ops >> /etc/ecs/ecs.config\necho ECS_CONTAINER_INSTANCE_PROPAGATE_TAGS_FROM=ec2_instance >> /etc/ecs/ecs.config\n"
  tags                   = merge(local.tags, { Name = "ecs-host-${substr("abc", count.index, 1)}", team = "platform" })
}

resource "aws_ecs_task_definition" "reporting" {
  family                   = "reporting"
  requires_compatibilities = ["EC2"]
  network_mode             = "bridge"
  container_definitions = jsonencode([{
    name      = "reporting"
    image     = "public.ecr.aws/docker/library/busybox:stable"
    essential = true
    cpu       = 256
    memory    = 256
    command   = ["sh", "-c", "while true; do sleep 60; done"]
  }])
  tags = local.tags
}

resource "aws_ecs_service" "reporting" {
  name            = "reporting"
  cluster         = aws_ecs_cluster.ops.id
  task_definition = aws_ecs_task_definition.reporting.arn
  desired_count   = var.reporting_desired
  launch_type     = "EC2"
  ordered_placement_strategy {
    type  = "spread"
    field = "attribute:ecs.availability-zone"
  }
  tags = local.tags
}
